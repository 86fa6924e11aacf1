INSERT INTO "User" ("id", "name", "bio") VALUES (1, 'n', 'b');
