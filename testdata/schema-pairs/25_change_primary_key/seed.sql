INSERT INTO "Membership" ("userId", "orgId") VALUES (1, 1);
