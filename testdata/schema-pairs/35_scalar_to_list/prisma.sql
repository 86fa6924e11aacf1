-- AlterTable
ALTER TABLE "Post" DROP COLUMN "tag",
ADD COLUMN     "tag" TEXT[],
DROP COLUMN "nums",
ADD COLUMN     "nums" INTEGER NOT NULL;

