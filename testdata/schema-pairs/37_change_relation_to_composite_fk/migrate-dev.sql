-- DropForeignKey
ALTER TABLE "Team" DROP CONSTRAINT "Team_orgId_fkey";

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_orgId_orgCode_fkey" FOREIGN KEY ("orgId", "orgCode") REFERENCES "Org"("id", "code") ON DELETE RESTRICT ON UPDATE CASCADE;
