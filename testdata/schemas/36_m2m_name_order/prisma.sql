-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Zebra" (
    "id" TEXT NOT NULL,

    CONSTRAINT "Zebra_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Apple" (
    "id" UUID NOT NULL,

    CONSTRAINT "Apple_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lower" (
    "id" BIGINT NOT NULL,

    CONSTRAINT "lower_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Upper" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Upper_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_AppleToZebra" (
    "A" UUID NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_AppleToZebra_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_UpperTolower" (
    "A" INTEGER NOT NULL,
    "B" BIGINT NOT NULL,

    CONSTRAINT "_UpperTolower_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE INDEX "_AppleToZebra_B_index" ON "_AppleToZebra"("B");

-- CreateIndex
CREATE INDEX "_UpperTolower_B_index" ON "_UpperTolower"("B");

-- AddForeignKey
ALTER TABLE "_AppleToZebra" ADD CONSTRAINT "_AppleToZebra_A_fkey" FOREIGN KEY ("A") REFERENCES "Apple"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_AppleToZebra" ADD CONSTRAINT "_AppleToZebra_B_fkey" FOREIGN KEY ("B") REFERENCES "Zebra"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_UpperTolower" ADD CONSTRAINT "_UpperTolower_A_fkey" FOREIGN KEY ("A") REFERENCES "Upper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_UpperTolower" ADD CONSTRAINT "_UpperTolower_B_fkey" FOREIGN KEY ("B") REFERENCES "lower"("id") ON DELETE CASCADE ON UPDATE CASCADE;

