-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "JsonDefaults" (
    "id" INTEGER NOT NULL,
    "obj" JSONB NOT NULL DEFAULT '{}',
    "arr" JSONB NOT NULL DEFAULT '[]',
    "nested" JSONB NOT NULL DEFAULT '{"a": 1, "b": [true, null], "c": "it''s"}',
    "str" JSONB NOT NULL DEFAULT '"text"',
    "num" JSONB NOT NULL DEFAULT '42',
    "jsonb" JSONB NOT NULL DEFAULT '{"k": "v"}',
    "plain" JSON NOT NULL DEFAULT '{"k": "v"}',
    "jsonList" JSONB[] DEFAULT ARRAY['{}', '[1]']::JSONB[],

    CONSTRAINT "JsonDefaults_pkey" PRIMARY KEY ("id")
);

