-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "OptionalScalars" (
    "id" INTEGER NOT NULL,
    "str" TEXT,
    "int" INTEGER,
    "bigInt" BIGINT,
    "float" DOUBLE PRECISION,
    "decimal" DECIMAL(65,30),
    "bool" BOOLEAN,
    "dateTime" TIMESTAMP(3),
    "json" JSONB,
    "bytes" BYTEA,

    CONSTRAINT "OptionalScalars_pkey" PRIMARY KEY ("id")
);

