"""The dashboards: one page for each question Our Voice and managers ask (growth, listening,
reach and representation, experience, recognition), and each member's own. They read from
every room and write to none."""
