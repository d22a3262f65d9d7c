CREATE TABLE "activities" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"activity_type_id" uuid NOT NULL,
	"customer_id" uuid,
	"parent_id" uuid,
	"status" text NOT NULL,
	"result" text,
	"cancel_reason" text,
	"cancel_details" text,
	"comment" text,
	"duration_minutes" integer NOT NULL,
	"address_line1" text,
	"address_line2" text,
	"postcode" text,
	"city" text,
	"latitude" double precision,
	"longitude" double precision,
	"assignee_id" uuid,
	"start_at" timestamp with time zone,
	"end_at" timestamp with time zone,
	"confirmed_by_customer" boolean DEFAULT false NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"closing_answers" jsonb,
	"started_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activities_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "activities_reference_key" UNIQUE("organization_id","business_unit_id","reference"),
	CONSTRAINT "activities_schedule_complete" CHECK (("activities"."start_at" IS NULL) = ("activities"."end_at" IS NULL) AND ("activities"."end_at" IS NULL OR "activities"."end_at" > "activities"."start_at")),
	CONSTRAINT "activities_status" CHECK ("activities"."status" IN ('pending', 'in_progress', 'terminated', 'canceled'))
);
--> statement-breakpoint
CREATE TABLE "activity_history" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"sequence" bigserial NOT NULL,
	"activity_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL,
	"note" text,
	CONSTRAINT "activity_history_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
ALTER TABLE "activity_types" ADD COLUMN "follow_up_type_id" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_business_unit_fk" FOREIGN KEY ("organization_id","business_unit_id") REFERENCES "public"."business_units"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_type_fk" FOREIGN KEY ("organization_id","activity_type_id") REFERENCES "public"."activity_types"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_customer_fk" FOREIGN KEY ("organization_id","customer_id") REFERENCES "public"."customers"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_parent_fk" FOREIGN KEY ("organization_id","parent_id") REFERENCES "public"."activities"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_history" ADD CONSTRAINT "activity_history_activity_fk" FOREIGN KEY ("organization_id","activity_id") REFERENCES "public"."activities"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_schedule_idx" ON "activities" USING btree ("organization_id","assignee_id","start_at");--> statement-breakpoint
CREATE INDEX "activities_unit_idx" ON "activities" USING btree ("organization_id","business_unit_id","status");--> statement-breakpoint
CREATE INDEX "activities_customer_idx" ON "activities" USING btree ("organization_id","customer_id");--> statement-breakpoint
CREATE INDEX "activities_parent_idx" ON "activities" USING btree ("organization_id","parent_id");--> statement-breakpoint
CREATE INDEX "activity_history_activity_idx" ON "activity_history" USING btree ("organization_id","activity_id","at");