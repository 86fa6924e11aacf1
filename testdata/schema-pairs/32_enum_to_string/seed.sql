INSERT INTO "Post" ("id", "status") VALUES (1, 'B');
