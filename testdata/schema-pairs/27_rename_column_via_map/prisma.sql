-- AlterTable
ALTER TABLE "User" DROP COLUMN "fullName",
ADD COLUMN     "full_name" TEXT NOT NULL;

