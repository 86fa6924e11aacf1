-- DropIndex
DROP INDEX "User_a_b_key";

-- DropIndex
DROP INDEX "User_email_key";
