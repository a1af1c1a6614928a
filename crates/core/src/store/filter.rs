//! Dynamic WHERE clauses with named parameters: each filter adds its condition and binds the
//! names it uses, so no query numbers its placeholders by hand.

use rusqlite::ToSql;

/// The conditions of one query, joined with AND, and the values their `:names` take.
#[derive(Default)]
pub(crate) struct Where {
    clauses: Vec<String>,
    params: Vec<(&'static str, Box<dyn ToSql>)>,
}

impl Where {
    pub(crate) fn new() -> Where {
        Where::default()
    }

    /// A condition that uses only names already bound, or none.
    pub(crate) fn and(&mut self, clause: impl Into<String>) -> &mut Where {
        self.clauses.push(clause.into());
        self
    }

    /// A condition and the value of the one `name` it uses.
    pub(crate) fn and_bind(&mut self, clause: impl Into<String>, name: &'static str, value: impl ToSql + 'static) -> &mut Where {
        self.and(clause).bind(name, value)
    }

    /// Binds `name` (":team") to `value`; for names the query uses outside the conditions too.
    /// A name means one value throughout a query, so binding it again keeps the first.
    pub(crate) fn bind(&mut self, name: &'static str, value: impl ToSql + 'static) -> &mut Where {
        if self.params.iter().all(|(n, _)| *n != name) {
            self.params.push((name, Box::new(value)));
        }
        self
    }

    /// ` WHERE a AND b`, or nothing without conditions.
    pub(crate) fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// The bound values, as rusqlite takes named parameters.
    pub(crate) fn params(&self) -> Vec<(&str, &dyn ToSql)> {
        self.params.iter().map(|(n, v)| (*n, v.as_ref())).collect()
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;

    #[test]
    fn conditions_join_with_and_and_bind_by_name() {
        let conn = Connection::open_in_memory().expect("memory");
        conn.execute_batch("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'x'), (2, 'x'), (2, 'y');").expect("table");
        let mut w = Where::new();
        w.and_bind("a = :a", ":a", 2).and_bind("b = :b", ":b", "x".to_string());
        assert_eq!(w.sql(), " WHERE a = :a AND b = :b");
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM t{}", w.sql()), &*w.params(), |r| r.get(0)).expect("count");
        assert_eq!(n, 1, "both conditions hold for one row only");
        assert_eq!(Where::new().sql(), "", "no conditions, no WHERE");
    }
}
