INSERT INTO "User" ("id", "fullName") VALUES (1, 'x');
