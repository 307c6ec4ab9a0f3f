-- Whether a sign-in is still open: not ended, younger than the lifetime and
-- used within the idle limit, which is shorter for admins. The request check
-- and the sessions list both ask this, so they cannot disagree.
CREATE FUNCTION session_open(
    s user_sessions,
    lifetime_secs DOUBLE PRECISION,
    idle_secs DOUBLE PRECISION,
    admin_idle_secs DOUBLE PRECISION
) RETURNS BOOLEAN
LANGUAGE sql STABLE
AS $$
    SELECT s.ended_at IS NULL
       AND s.created_at > now() - make_interval(secs => lifetime_secs)
       AND s.last_seen_at > now() - make_interval(secs =>
             CASE WHEN EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = s.user_id AND r.role = 'admin')
                  THEN admin_idle_secs ELSE idle_secs END)
$$;
