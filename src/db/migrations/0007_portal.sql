CREATE TABLE "audit_events" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"business_unit_id" uuid,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_events_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "portal_identifiers" (
	"identifier_hash" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "portal_identifiers_identifier_hash_organization_id_customer_id_pk" PRIMARY KEY("identifier_hash","organization_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "portal_login_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identifier_hash" text NOT NULL,
	"scope_organization_id" uuid,
	"channel" text NOT NULL,
	"code_hash" text NOT NULL,
	"link_token_hash" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "portal_login_codes_link_token_hash_unique" UNIQUE("link_token_hash")
);
--> statement-breakpoint
CREATE TABLE "portal_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"identifier_hash" text,
	"scope_organization_id" uuid,
	"organization_id" uuid,
	"customer_id" uuid,
	"preview_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "portal_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "activity_types" ADD COLUMN "portal_display" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "business_units" ADD COLUMN "portal_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "business_units" ADD COLUMN "portal_slug" text;--> statement-breakpoint
ALTER TABLE "business_units" ADD COLUMN "portal_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "business_units" ADD COLUMN "portal_logo_file_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_identifiers" ADD CONSTRAINT "portal_identifiers_customer_fk" FOREIGN KEY ("organization_id","customer_id") REFERENCES "public"."customers"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD CONSTRAINT "portal_sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD CONSTRAINT "portal_sessions_preview_user_id_users_id_fk" FOREIGN KEY ("preview_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("organization_id","subject_type","subject_id","created_at");--> statement-breakpoint
CREATE INDEX "portal_login_codes_identifier_idx" ON "portal_login_codes" USING btree ("identifier_hash","created_at");--> statement-breakpoint
CREATE INDEX "portal_sessions_customer_idx" ON "portal_sessions" USING btree ("organization_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "business_units_portal_slug_key" ON "business_units" USING btree ("portal_slug");--> statement-breakpoint
CREATE FUNCTION portal_identifier_hash(kind text, value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT encode(sha256(convert_to(kind || ':' || value, 'UTF8')), 'hex')
$$;--> statement-breakpoint
CREATE FUNCTION portal_identifiers_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM portal_identifiers
     WHERE organization_id = OLD.organization_id AND customer_id = OLD.id;
  END IF;
  INSERT INTO portal_identifiers (identifier_hash, organization_id, customer_id, kind)
  SELECT portal_identifier_hash(v.kind, v.value), NEW.organization_id, NEW.id, v.kind
    FROM (VALUES ('email', NEW.email_normalized), ('phone', NEW.phone), ('phone', NEW.mobile)) AS v(kind, value)
   WHERE v.value IS NOT NULL AND v.value <> ''
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER customers_portal_identifiers
  AFTER INSERT OR UPDATE OF email_normalized, phone, mobile ON customers
  FOR EACH ROW EXECUTE FUNCTION portal_identifiers_sync();--> statement-breakpoint
INSERT INTO portal_identifiers (identifier_hash, organization_id, customer_id, kind)
SELECT portal_identifier_hash(v.kind, v.value), c.organization_id, c.id, v.kind
  FROM customers c
 CROSS JOIN LATERAL (VALUES ('email', c.email_normalized), ('phone', c.phone), ('phone', c.mobile)) AS v(kind, value)
 WHERE v.value IS NOT NULL AND v.value <> ''
ON CONFLICT DO NOTHING;
