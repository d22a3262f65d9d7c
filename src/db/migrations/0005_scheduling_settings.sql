ALTER TABLE "activities" ADD COLUMN "arrival_window_start" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "arrival_window_end" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activity_types" ADD COLUMN "booking_policy" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "business_units" ADD COLUMN "scheduling_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;