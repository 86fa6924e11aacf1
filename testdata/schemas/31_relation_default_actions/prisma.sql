-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Owner" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Owner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Required" (
    "id" INTEGER NOT NULL,
    "ownerId" INTEGER NOT NULL,

    CONSTRAINT "Required_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Optional" (
    "id" INTEGER NOT NULL,
    "ownerId" INTEGER,

    CONSTRAINT "Optional_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "Required" ADD CONSTRAINT "Required_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Owner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Optional" ADD CONSTRAINT "Optional_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Owner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

