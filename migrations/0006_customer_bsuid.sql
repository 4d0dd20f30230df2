ALTER TABLE `contacts` ADD `bsuid` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `parent_bsuid` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `username` text;