-- the first admin's generated password must be changed before the account may do anything else
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
