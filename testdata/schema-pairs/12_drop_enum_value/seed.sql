INSERT INTO "User" ("id", "role", "roles") VALUES (1, 'MODERATOR', ARRAY['USER']::"Role"[]);
