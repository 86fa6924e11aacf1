-- CreateIndex
-- Built concurrently so that writes to "Post" are not blocked while it builds.
CREATE INDEX CONCURRENTLY "Post_slug_idx" ON "Post"("slug");
