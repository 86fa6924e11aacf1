-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting" (
    "id" INTEGER NOT NULL,
    "anotherExtremelyLongFieldNameForUniqueness" TEXT NOT NULL,
    "yetAnotherExtremelyLongFieldNameForIndexes" INTEGER NOT NULL,
    "secondLongFieldNameToMakeCompositeIndexes" INTEGER NOT NULL,
    "referencedTargetWithAVeryLongForeignKeyId" INTEGER NOT NULL,

    CONSTRAINT "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LongTargetModelWithAnotherVeryLongNameHereToo" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "LongTargetModelWithAnotherVeryLongNameHereToo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SecondModelWithAnExtraordinarilyLongNameForM2MTesting" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "SecondModelWithAnExtraordinarilyLongNameForM2MTesting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelNameExactlySixtyThreeCharactersLongAaaaaaaaaaaaaaaaaaaaaaa" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "ModelNameExactlySixtyThreeCharactersLongAaaaaaaaaaaaaaaaaa_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ünïcödé" (
    "id" INTEGER NOT NULL,
    "ñame" TEXT NOT NULL,
    "fieldWithMultibyteCharactersÄÖÜäöüßÄÖÜäöüßÄÖÜäöüß" INTEGER NOT NULL,

    CONSTRAINT "Ünïcödé_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_LongTargetModelWithAnotherVeryLongNameHereTooToSecondModelWith" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_LongTargetModelWithAnotherVeryLongNameHereTooToSecondM_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting_ano_key" ON "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting"("anotherExtremelyLongFieldNameForUniqueness");

-- CreateIndex
CREATE INDEX "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting_yet_idx" ON "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting"("yetAnotherExtremelyLongFieldNameForIndexes", "secondLongFieldNameToMakeCompositeIndexes");

-- CreateIndex
CREATE UNIQUE INDEX "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting_yet_key" ON "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting"("yetAnotherExtremelyLongFieldNameForIndexes", "secondLongFieldNameToMakeCompositeIndexes");

-- CreateIndex
CREATE UNIQUE INDEX "Ünïcödé_ñame_key" ON "Ünïcödé"("ñame");

-- CreateIndex
CREATE INDEX "Ünïcödé_fieldWithMultibyteCharactersÄÖÜäöüßÄÖ_idx" ON "Ünïcödé"("fieldWithMultibyteCharactersÄÖÜäöüßÄÖÜäöüßÄÖÜäöüß");

-- CreateIndex
CREATE INDEX "_LongTargetModelWithAnotherVeryLongNameHereTooToSecondM_B_index" ON "_LongTargetModelWithAnotherVeryLongNameHereTooToSecondModelWith"("B");

-- AddForeignKey
ALTER TABLE "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting" ADD CONSTRAINT "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting_re_fkey" FOREIGN KEY ("referencedTargetWithAVeryLongForeignKeyId") REFERENCES "LongTargetModelWithAnotherVeryLongNameHereToo"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_LongTargetModelWithAnotherVeryLongNameHereTooToSecondModelWith" ADD CONSTRAINT "_LongTargetModelWithAnotherVeryLongNameHereTooToSecondMo_A_fkey" FOREIGN KEY ("A") REFERENCES "LongTargetModelWithAnotherVeryLongNameHereToo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_LongTargetModelWithAnotherVeryLongNameHereTooToSecondModelWith" ADD CONSTRAINT "_LongTargetModelWithAnotherVeryLongNameHereTooToSecondMo_B_fkey" FOREIGN KEY ("B") REFERENCES "SecondModelWithAnExtraordinarilyLongNameForM2MTesting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

