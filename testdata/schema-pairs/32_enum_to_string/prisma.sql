-- AlterTable
ALTER TABLE "Post" DROP COLUMN "status",
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'A';

-- DropEnum
DROP TYPE "Status";

