-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "PlainComposite" (
    "a" INTEGER NOT NULL,
    "b" TEXT NOT NULL,

    CONSTRAINT "PlainComposite_pkey" PRIMARY KEY ("a","b")
);

-- CreateTable
CREATE TABLE "NamedComposite" (
    "a" INTEGER NOT NULL,
    "b" TEXT NOT NULL,

    CONSTRAINT "NamedComposite_pkey" PRIMARY KEY ("b","a")
);

-- CreateTable
CREATE TABLE "MappedComposite" (
    "a" INTEGER NOT NULL,
    "b" TEXT NOT NULL,

    CONSTRAINT "custom_pk" PRIMARY KEY ("a","b")
);

-- CreateTable
CREATE TABLE "MappedSingleId" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "single_pk" PRIMARY KEY ("id")
);

