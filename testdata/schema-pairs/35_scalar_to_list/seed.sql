INSERT INTO "Post" ("id", "tag", "nums") VALUES (1, 't', ARRAY[1]);
