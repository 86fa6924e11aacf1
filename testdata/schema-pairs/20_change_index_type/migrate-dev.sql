-- DropIndex
DROP INDEX "Doc_data_idx";

-- DropIndex
DROP INDEX "Doc_n_idx";

-- CreateIndex
CREATE INDEX "Doc_data_idx" ON "Doc" USING GIN ("data" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Doc_n_idx" ON "Doc" USING HASH ("n");
