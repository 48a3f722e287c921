"""What a build writes besides the pages: feeds, sitemap, open data and the search index."""
