-- A contact's phone becomes optional (WhatsApp username customers, 2026). Hand-edited from drizzle-kit's
-- rebuild: D1 ignores foreign_keys=OFF, so dropping `contacts` orphans its children until the rows are
-- back. The checks are deferred to the commit, the rows are kept aside, and re-inserting them into the
-- new `contacts` settles every reference before the commit (works with foreign keys on or off).
PRAGMA defer_foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__old_contacts` AS SELECT * FROM `contacts`;--> statement-breakpoint
DROP TABLE `contacts`;--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`phone` text,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `contacts`("id", "org_id", "phone", "name", "created_at", "updated_at") SELECT "id", "org_id", "phone", "name", "created_at", "updated_at" FROM `__old_contacts`;--> statement-breakpoint
DROP TABLE `__old_contacts`;--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_org_phone` ON `contacts` (`org_id`,`phone`);
