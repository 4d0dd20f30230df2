CREATE TABLE `consent_records` (
	`org_id` text NOT NULL,
	`seq` integer NOT NULL,
	`hash` text NOT NULL,
	`prev_hash` text NOT NULL,
	`kind` text NOT NULL,
	`contact_phone` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`record` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consent_records_org_seq` ON `consent_records` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `consent_records_org_occurred` ON `consent_records` (`org_id`,`occurred_at`);