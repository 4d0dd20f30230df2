CREATE TABLE `media` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`conversation_id` text,
	`r2_key` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`meta_media_id` text,
	`meta_media_expires_at` integer,
	`direction` text NOT NULL,
	`uploaded_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `media_org_conversation` ON `media` (`org_id`,`conversation_id`);--> statement-breakpoint
CREATE INDEX `media_org_meta` ON `media` (`org_id`,`meta_media_id`);