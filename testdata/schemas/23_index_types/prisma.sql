-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "IndexTypes" (
    "id" INTEGER NOT NULL,
    "a" INTEGER NOT NULL,
    "b" INTEGER NOT NULL,
    "c" JSONB NOT NULL,
    "d" INTEGER[],
    "e" INET NOT NULL,
    "f" TIMESTAMP(3) NOT NULL,
    "g" TEXT NOT NULL,

    CONSTRAINT "IndexTypes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IndexTypes_a_idx" ON "IndexTypes"("a");

-- CreateIndex
CREATE INDEX "IndexTypes_b_idx" ON "IndexTypes" USING HASH ("b");

-- CreateIndex
CREATE INDEX "IndexTypes_c_idx" ON "IndexTypes" USING GIN ("c");

-- CreateIndex
CREATE INDEX "IndexTypes_d_idx" ON "IndexTypes" USING GIN ("d");

-- CreateIndex
CREATE INDEX "IndexTypes_e_idx" ON "IndexTypes" USING GIST ("e" inet_ops);

-- CreateIndex
CREATE INDEX "IndexTypes_g_idx" ON "IndexTypes" USING SPGIST ("g");

-- CreateIndex
CREATE INDEX "IndexTypes_f_idx" ON "IndexTypes" USING BRIN ("f");

