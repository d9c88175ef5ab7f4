"""Analysis over coded cases: agreement between coders."""
