-- AlterTable
CREATE SEQUENCE a_id_seq;
ALTER TABLE "A" ALTER COLUMN "id" SET DEFAULT nextval('a_id_seq');
ALTER SEQUENCE a_id_seq OWNED BY "A"."id";

-- AlterTable
ALTER TABLE "B" ALTER COLUMN "id" DROP DEFAULT;
DROP SEQUENCE "B_id_seq";
