-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "AllScalars" (
    "id" INTEGER NOT NULL,
    "str" TEXT NOT NULL,
    "int" INTEGER NOT NULL,
    "bigInt" BIGINT NOT NULL,
    "float" DOUBLE PRECISION NOT NULL,
    "decimal" DECIMAL(65,30) NOT NULL,
    "bool" BOOLEAN NOT NULL,
    "dateTime" TIMESTAMP(3) NOT NULL,
    "json" JSONB NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "AllScalars_pkey" PRIMARY KEY ("id")
);

