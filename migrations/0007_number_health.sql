ALTER TABLE `business_numbers` ADD `messaging_limit_tier` text;--> statement-breakpoint
ALTER TABLE `business_numbers` ADD `quality_event` text;--> statement-breakpoint
ALTER TABLE `business_numbers` ADD `quality_updated_at` integer;