-- DropIndex
DROP INDEX "Ünïcödé_fieldWithMultibyteCharactersÄÖÜäöüßÄÖ_idx";

-- AlterTable
ALTER TABLE "Ünïcödé" DROP COLUMN "fieldWithMultibyteCharactersÄÖÜäöüßÄÖÜäöüßÄÖÜ",
ADD COLUMN     "fieldWithMultibyteCharactersÄÖÜäöüßÄÖÜäöüßÄÖÜäöüß" INTEGER NOT NULL;

-- CreateIndex
CREATE INDEX "Ünïcödé_fieldWithMultibyteCharactersÄÖÜäöüßÄÖ_idx" ON "Ünïcödé"("fieldWithMultibyteCharactersÄÖÜäöüßÄÖÜäöüßÄÖÜäöüß");

