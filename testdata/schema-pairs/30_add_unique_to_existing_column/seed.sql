INSERT INTO "User" ("id", "email") VALUES (1, 'same'), (2, 'same');
