-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "NativeNumbers" (
    "id" INTEGER NOT NULL,
    "smallInt" SMALLINT NOT NULL,
    "integer" INTEGER NOT NULL,
    "oid" OID NOT NULL,
    "bigInt" BIGINT NOT NULL,
    "real" REAL NOT NULL,
    "double" DOUBLE PRECISION NOT NULL,
    "decimal" DECIMAL(10,2) NOT NULL,
    "decimalNoArg" DECIMAL NOT NULL,
    "decimalP" DECIMAL(5,0) NOT NULL,
    "money" MONEY NOT NULL,

    CONSTRAINT "NativeNumbers_pkey" PRIMARY KEY ("id")
);

