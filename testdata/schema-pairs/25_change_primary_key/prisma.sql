-- AlterTable
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "Membership_pkey" PRIMARY KEY ("userId", "orgId");

