CREATE TABLE `privacy_audit` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`actor_user_id` text,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`at` integer NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `privacy_audit_org` ON `privacy_audit` (`org_id`,`at`);--> statement-breakpoint
CREATE TABLE `privacy_erased_subjects` (
	`org_id` text NOT NULL,
	`subject_hash` text NOT NULL,
	`erasure_id` text NOT NULL,
	`opted_out` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `privacy_erased_subjects_key` ON `privacy_erased_subjects` (`org_id`,`subject_hash`);--> statement-breakpoint
CREATE TABLE `privacy_erasures` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`requested_by` text NOT NULL,
	`erased_at` integer NOT NULL,
	`receipt` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `privacy_erasures_contact` ON `privacy_erasures` (`org_id`,`contact_id`);