INSERT INTO "User" ("id", "name", "email") VALUES (1, 'a', 'a@x');
