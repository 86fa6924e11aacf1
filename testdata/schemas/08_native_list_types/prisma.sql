-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "NativeLists" (
    "id" INTEGER NOT NULL,
    "varchars" VARCHAR(32)[],
    "uuids" UUID[],
    "smallInts" SMALLINT[],
    "reals" REAL[],
    "decimals" DECIMAL(8,3)[],
    "timestamps" TIMESTAMPTZ(6)[],
    "dates" DATE[],
    "jsonbs" JSONB[],
    "citexts" CITEXT[],

    CONSTRAINT "NativeLists_pkey" PRIMARY KEY ("id")
);

