-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "IndexOps" (
    "id" INTEGER NOT NULL,
    "jb1" JSONB NOT NULL,
    "jb2" JSONB NOT NULL,
    "arr" TEXT[],
    "txt" TEXT NOT NULL,
    "inet1" INET NOT NULL,
    "inet2" INET NOT NULL,
    "num" INTEGER NOT NULL,
    "ts" TIMESTAMP(6) NOT NULL,
    "bint" BIGINT NOT NULL,

    CONSTRAINT "IndexOps_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IndexOps_jb1_idx" ON "IndexOps" USING GIN ("jb1" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "IndexOps_jb2_idx" ON "IndexOps" USING GIN ("jb2" jsonb_ops);

-- CreateIndex
CREATE INDEX "IndexOps_arr_idx" ON "IndexOps" USING GIN ("arr" array_ops);

-- CreateIndex
CREATE INDEX "IndexOps_txt_idx" ON "IndexOps" USING GIN ("txt" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "IndexOps_inet1_idx" ON "IndexOps" USING GIST ("inet1" inet_ops);

-- CreateIndex
CREATE INDEX "IndexOps_inet2_idx" ON "IndexOps" USING SPGIST ("inet2" inet_ops);

-- CreateIndex
CREATE INDEX "IndexOps_num_idx" ON "IndexOps" USING BRIN ("num" int4_minmax_ops);

-- CreateIndex
CREATE INDEX "IndexOps_ts_idx" ON "IndexOps" USING BRIN ("ts" timestamp_bloom_ops);

-- CreateIndex
CREATE INDEX "IndexOps_bint_idx" ON "IndexOps" USING BRIN ("bint" int8_minmax_multi_ops);

