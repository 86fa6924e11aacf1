-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "NativeStrings" (
    "id" INTEGER NOT NULL,
    "varchar" VARCHAR(255) NOT NULL,
    "varcharNoN" VARCHAR NOT NULL,
    "char" CHAR(10) NOT NULL,
    "charNoN" CHAR NOT NULL,
    "text" TEXT NOT NULL,
    "uuid" UUID NOT NULL,
    "xml" XML NOT NULL,
    "inet" INET NOT NULL,
    "citext" CITEXT NOT NULL,
    "bit" BIT(8) NOT NULL,
    "bitNoN" BIT NOT NULL,
    "varbit" VARBIT(16) NOT NULL,
    "varbitNoN" VARBIT NOT NULL,
    "optVarchar" VARCHAR(20),

    CONSTRAINT "NativeStrings_pkey" PRIMARY KEY ("id")
);

