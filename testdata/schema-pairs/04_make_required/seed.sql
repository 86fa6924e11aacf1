INSERT INTO "User" ("id", "name") VALUES (1, NULL);
