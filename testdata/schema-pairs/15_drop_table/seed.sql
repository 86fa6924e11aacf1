INSERT INTO "User" ("id") VALUES (1);
INSERT INTO "Post" ("kind", "authorId") VALUES ('A', 1);
