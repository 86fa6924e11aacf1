-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "StringDefaults" (
    "id" INTEGER NOT NULL,
    "empty" TEXT NOT NULL DEFAULT '',
    "simple" TEXT NOT NULL DEFAULT 'hello',
    "single" TEXT NOT NULL DEFAULT 'it''s',
    "double" TEXT NOT NULL DEFAULT 'say "hi"',
    "backslash" TEXT NOT NULL DEFAULT 'C:\path\file',
    "newline" TEXT NOT NULL DEFAULT 'line1
line2',
    "tab" TEXT NOT NULL DEFAULT 'a	b',
    "unicode" TEXT NOT NULL DEFAULT 'héllo ☃',
    "dollar" TEXT NOT NULL DEFAULT '$1.00 $$ $tag$',
    "percent" TEXT NOT NULL DEFAULT '100%',
    "varchar" VARCHAR(10) NOT NULL DEFAULT 'v',
    "char" CHAR(1) NOT NULL DEFAULT 'c',
    "uuidLit" UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
    "inet" INET NOT NULL DEFAULT '127.0.0.1',
    "citext" CITEXT NOT NULL DEFAULT 'CaseLess',
    "bit" BIT(4) NOT NULL DEFAULT '1010',
    "xml" XML NOT NULL DEFAULT '<a/>',

    CONSTRAINT "StringDefaults_pkey" PRIMARY KEY ("id")
);

