INSERT INTO "Item" ("id", "qty", "price") VALUES (1, '3', '9.99');
