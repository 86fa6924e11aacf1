-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Visible" (
    "id" INTEGER NOT NULL,
    "secret" TEXT NOT NULL,

    CONSTRAINT "Visible_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hidden" (
    "id" INTEGER NOT NULL,
    "visibleId" INTEGER NOT NULL,

    CONSTRAINT "Hidden_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "Hidden" ADD CONSTRAINT "Hidden_visibleId_fkey" FOREIGN KEY ("visibleId") REFERENCES "Visible"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

