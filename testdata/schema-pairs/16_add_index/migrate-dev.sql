-- CreateIndex
CREATE INDEX "Post_title_idx" ON "Post"("title");

-- CreateIndex
CREATE INDEX "post_slug_desc" ON "Post"("slug" DESC);
