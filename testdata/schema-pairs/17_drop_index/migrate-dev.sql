-- DropIndex
DROP INDEX "Post_title_idx";
