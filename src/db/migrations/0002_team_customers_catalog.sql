CREATE TABLE "activity_type_skills" (
	"organization_id" uuid NOT NULL,
	"activity_type_id" uuid NOT NULL,
	"skill_id" uuid NOT NULL,
	"minimum_level" integer NOT NULL,
	CONSTRAINT "activity_type_skills_organization_id_activity_type_id_skill_id_pk" PRIMARY KEY("organization_id","activity_type_id","skill_id"),
	CONSTRAINT "activity_type_skills_level_range" CHECK ("activity_type_skills"."minimum_level" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "activity_types" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"colour" text NOT NULL,
	"operating_mode" text NOT NULL,
	"default_duration_minutes" integer NOT NULL,
	"activity_form" jsonb NOT NULL,
	"closing_form" jsonb NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activity_types_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "activity_types_name_key" UNIQUE("organization_id","business_unit_id","name_key"),
	CONSTRAINT "activity_types_duration_range" CHECK ("activity_types"."default_duration_minutes" BETWEEN 1 AND 1440)
);
--> statement-breakpoint
CREATE TABLE "business_unit_counters" (
	"organization_id" uuid NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "business_unit_counters_organization_id_business_unit_id_name_pk" PRIMARY KEY("organization_id","business_unit_id","name")
);
--> statement-breakpoint
CREATE TABLE "customer_imports" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mode" text NOT NULL,
	"encoding" text NOT NULL,
	"separator" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"created" integer NOT NULL,
	"updated" integer NOT NULL,
	"skipped" integer NOT NULL,
	"rejected" integer NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "customer_imports_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"type" text NOT NULL,
	"first_name" text,
	"last_name" text,
	"company_name" text,
	"display_name" text NOT NULL,
	"search_key" text NOT NULL,
	"email" text,
	"email_normalized" text,
	"phone" text,
	"mobile" text,
	"address_line1" text,
	"address_line2" text,
	"postcode" text,
	"city" text,
	"country" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"language" text NOT NULL,
	"time_zone" text,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comments" text,
	"portal_access" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customers_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "customers_reference_key" UNIQUE("organization_id","business_unit_id","reference")
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"business_unit_id" uuid,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "stored_files_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "hours_exceptions" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"exception" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hours_exceptions_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "skills_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "skills_name_key" UNIQUE("organization_id","business_unit_id","name_key")
);
--> statement-breakpoint
CREATE TABLE "unavailabilities" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "unavailabilities_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "unavailabilities_order" CHECK ("unavailabilities"."end_at" > "unavailabilities"."start_at")
);
--> statement-breakpoint
CREATE TABLE "worker_profiles" (
	"organization_id" uuid NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"colour" text NOT NULL,
	"base_address_line1" text,
	"base_address_line2" text,
	"base_postcode" text,
	"base_city" text,
	"base_latitude" double precision,
	"base_longitude" double precision,
	"weekly_hours" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "worker_profiles_organization_id_business_unit_id_user_id_pk" PRIMARY KEY("organization_id","business_unit_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "worker_skills" (
	"organization_id" uuid NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"skill_id" uuid NOT NULL,
	"level" integer NOT NULL,
	CONSTRAINT "worker_skills_organization_id_business_unit_id_user_id_skill_id_pk" PRIMARY KEY("organization_id","business_unit_id","user_id","skill_id"),
	CONSTRAINT "worker_skills_level_range" CHECK ("worker_skills"."level" BETWEEN 1 AND 5)
);
--> statement-breakpoint
ALTER TABLE "business_units" ADD COLUMN "portal_access_by_default" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_type_skills" ADD CONSTRAINT "activity_type_skills_type_fk" FOREIGN KEY ("organization_id","activity_type_id") REFERENCES "public"."activity_types"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_type_skills" ADD CONSTRAINT "activity_type_skills_skill_fk" FOREIGN KEY ("organization_id","skill_id") REFERENCES "public"."skills"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_types" ADD CONSTRAINT "activity_types_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_types" ADD CONSTRAINT "activity_types_business_unit_fk" FOREIGN KEY ("organization_id","business_unit_id") REFERENCES "public"."business_units"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_unit_counters" ADD CONSTRAINT "business_unit_counters_business_unit_fk" FOREIGN KEY ("organization_id","business_unit_id") REFERENCES "public"."business_units"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_imports" ADD CONSTRAINT "customer_imports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_imports" ADD CONSTRAINT "customer_imports_business_unit_fk" FOREIGN KEY ("organization_id","business_unit_id") REFERENCES "public"."business_units"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_business_unit_fk" FOREIGN KEY ("organization_id","business_unit_id") REFERENCES "public"."business_units"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hours_exceptions" ADD CONSTRAINT "hours_exceptions_profile_fk" FOREIGN KEY ("organization_id","business_unit_id","user_id") REFERENCES "public"."worker_profiles"("organization_id","business_unit_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_business_unit_fk" FOREIGN KEY ("organization_id","business_unit_id") REFERENCES "public"."business_units"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unavailabilities" ADD CONSTRAINT "unavailabilities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unavailabilities" ADD CONSTRAINT "unavailabilities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_profiles" ADD CONSTRAINT "worker_profiles_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_profiles" ADD CONSTRAINT "worker_profiles_membership_fk" FOREIGN KEY ("organization_id","business_unit_id","user_id") REFERENCES "public"."memberships"("organization_id","business_unit_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_skills" ADD CONSTRAINT "worker_skills_profile_fk" FOREIGN KEY ("organization_id","business_unit_id","user_id") REFERENCES "public"."worker_profiles"("organization_id","business_unit_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_skills" ADD CONSTRAINT "worker_skills_skill_fk" FOREIGN KEY ("organization_id","skill_id") REFERENCES "public"."skills"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customers_search_idx" ON "customers" USING btree ("organization_id","business_unit_id","search_key");--> statement-breakpoint
CREATE INDEX "customers_email_idx" ON "customers" USING btree ("organization_id","email_normalized");--> statement-breakpoint
CREATE INDEX "customers_phone_idx" ON "customers" USING btree ("organization_id","phone");--> statement-breakpoint
CREATE INDEX "customers_mobile_idx" ON "customers" USING btree ("organization_id","mobile");--> statement-breakpoint
CREATE INDEX "hours_exceptions_worker_idx" ON "hours_exceptions" USING btree ("organization_id","user_id","from_date");--> statement-breakpoint
CREATE INDEX "unavailabilities_worker_idx" ON "unavailabilities" USING btree ("organization_id","user_id","start_at");