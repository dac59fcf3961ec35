"""Feeds for partner sites and their readers: an iCalendar of events, an Atom feed of the latest
items and a sitemap, all under /api/v1/.

A package of the API rather than an app of its own: each feed is a view of the API's own content,
read through its visibility rules, collections, addresses, errors, cache and schema, and an app
beside `api` would import it and be included by it.
"""
