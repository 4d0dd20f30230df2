CREATE TABLE `thread_index` (
	`thread_id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`org_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`last_at` integer NOT NULL,
	`last_text` text
);
--> statement-breakpoint
CREATE INDEX `thread_index_conversation` ON `thread_index` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `thread_readers` (
	`thread_id` text NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`until` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `thread_readers_key` ON `thread_readers` (`thread_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `thread_readers_user` ON `thread_readers` (`user_id`);--> statement-breakpoint
CREATE TABLE `unassigned_conversations` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`since` integer NOT NULL,
	`last_at` integer NOT NULL,
	`last_text` text
);
--> statement-breakpoint
CREATE INDEX `unassigned_org` ON `unassigned_conversations` (`org_id`,`last_at`);