//! Contracts (table `contracts`) of a client.

use rusqlite::named_params;

use super::parse_date;
use crate::domain::client::NewContract;
use crate::domain::ids::ClientId;
use crate::domain::Contract;
use crate::error::Result;
use crate::money::Money;

impl super::Clients<'_> {
    pub(super) fn contracts_of(&self, client_id: ClientId) -> Result<Vec<Contract>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, number, product_type, monthly_fee_fen, dec_fee_fen, term_months, end_date, fiber_to_premises
             FROM contracts WHERE client_id = :client ORDER BY number",
        )?;
        let contracts = stmt
            .query_map(named_params! { ":client": client_id }, |r| {
                Ok(Contract {
                    id: r.get("id")?,
                    number: r.get("number")?,
                    product_type: r.get("product_type")?,
                    monthly_fee: Money::from_fen(r.get("monthly_fee_fen")?),
                    dec_fee: Money::from_fen(r.get("dec_fee_fen")?),
                    term_months: r.get("term_months")?,
                    end_date: r.get::<_, Option<String>>("end_date")?.as_deref().map(parse_date).transpose()?,
                    fiber_to_premises: r.get("fiber_to_premises")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(contracts)
    }

    pub fn add_contract(&self, client_id: ClientId, k: &NewContract) -> Result<i64> {
        k.validate()?;
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO contracts (number, client_id, product_type, monthly_fee_fen, dec_fee_fen,
                                    term_months, end_date, fiber_to_premises)
             VALUES (:number, :client, :product_type, :monthly_fee_fen, :dec_fee_fen, :term_months, :end_date, :fiber_to_premises)",
        )?;
        stmt.execute(named_params! {
            ":number": k.number,
            ":client": client_id,
            ":product_type": k.product_type,
            ":monthly_fee_fen": k.monthly_fee.fen(),
            ":dec_fee_fen": k.dec_fee.fen(),
            ":term_months": k.term_months,
            ":end_date": k.end_date.map(|d| d.to_string()),
            ":fiber_to_premises": k.fiber_to_premises,
        })?;
        Ok(self.conn.last_insert_rowid())
    }
}
